"""The engine: roles, commands, events, the Format protocol, the session reducer and its store."""
