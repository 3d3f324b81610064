"""Settings, split by environment: ``base`` holds everything shared; ``dev``, ``test`` and
``production`` adjust it. Every value that differs between deployments is read from an
environment variable with a documented default, and checked when the process starts."""
