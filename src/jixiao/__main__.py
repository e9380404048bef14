"""`python -m jixiao` is the same program as the `jixiao` console script."""

from jixiao.cli.main import main

if __name__ == "__main__":
    main()
