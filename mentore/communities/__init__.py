"""Communities of practice and their forum: pages, membership, topics and replies."""
