"""The rules, one module per family; each rule is a function of a `Context`."""
