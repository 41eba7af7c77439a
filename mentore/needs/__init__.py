"""The needs check-list ("check list dei bisogni"): the guided form, the lifecycle, the lists."""
