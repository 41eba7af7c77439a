"""Reference data that ships with the code or with installed packages: ISTAT territories,
the art. 5 D.Lgs 117/2017 activities, the curated competency vocabulary. No Flask, no Neo4j."""
