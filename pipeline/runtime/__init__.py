"""Running the pipeline over inputs: the extract run, processing batches, the engines that run the model, progress."""
