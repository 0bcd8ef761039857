"""Load benchmark: workshops of N participants against a real server on loopback.

`python -m bench` starts `python -m server` on 127.0.0.1 with a fresh SQLite file per run, connects
N participant sockets, a facilitator and a room screen, has every participant write notes at once,
and prints the medians of ack latency, fan-out delay, throughput and server memory per size.
It is not a test: pytest never collects it (`testpaths = ["tests"]`). See `bench/README.md`.
"""
