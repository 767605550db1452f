//! Integration tests of the workspace live in `tests/`: generator snapshots, the freshness check of the
//! checked-in client, and behaviour tests of the client against local servers. No code of its own.
