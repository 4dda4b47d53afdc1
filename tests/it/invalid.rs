//! Bad input: each case breaks one thing and the exact message is checked.
