"""The figure audit: pure relation detectors over the figures a report states."""
