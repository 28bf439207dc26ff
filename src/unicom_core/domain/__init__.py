"""The pure model: values, aggregates, rules and events. No I/O and no clock of its own."""
