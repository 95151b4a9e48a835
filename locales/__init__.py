"""Gettext catalogs (vi, en); a package only so the catalogs install with the code."""
