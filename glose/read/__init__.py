"""Reading documents from outside the project (see importers/)."""
