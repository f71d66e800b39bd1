"""The dataset an extract run writes: record types and their JSON Schema, the writer and the reader,
the run journal, validation, and where datasets are stored."""
