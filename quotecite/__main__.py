from quotecite.cli.entry import main

main()
