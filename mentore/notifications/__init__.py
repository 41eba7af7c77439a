"""In-app notifications, their preferences and the e-mail digests (``mentore digests``)."""
