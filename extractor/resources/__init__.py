"""Data files of the rule families: `<family>.yaml` beside `<family>.cases.yaml`."""
