"""What the stages know, read from models/: the one loader of rule packs and lexicons, and the gazetteer."""
