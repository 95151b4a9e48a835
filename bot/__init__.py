"""Chat assistant for VBSP borrowers, group leaders and credit officers."""
