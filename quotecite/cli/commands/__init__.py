"""One module per command: ``run()`` returns data, ``cli()`` is the typer command that prints it."""
