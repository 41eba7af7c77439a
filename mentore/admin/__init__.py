"""Platform administration: the competency vocabulary, organisations waiting for verification."""
