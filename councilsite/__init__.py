"""Council site generator: the engine-independent core."""
