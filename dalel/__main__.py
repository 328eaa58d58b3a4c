from dalel.cli import main

main()
