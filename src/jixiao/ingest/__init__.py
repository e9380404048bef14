"""Reading files: evaluation/lease files, ledgers, and published reports (text with line numbers)."""
