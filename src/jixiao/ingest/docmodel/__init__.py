"""The document model of a report: numbered lines with their figures, and tables as rows × cells."""
