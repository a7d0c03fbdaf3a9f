"""Rule families: one module per family, its data in `extractor/resources/`."""
