"""Rendering the 自评表 and 自评报告 (docx/xlsx/pdf/html) from scored evaluations; layouts are data."""
