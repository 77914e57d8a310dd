# The two commands of the README's Quick start. Each sets up what it needs first.
.PHONY: demo test setup lint

demo:
	bash scripts/setup.sh demo
	bash scripts/demo.sh

test:
	bash scripts/setup.sh test
	bash scripts/test.sh

lint:
	.venv/bin/ruff check sola_studio tests
	.venv/bin/ruff format --check sola_studio tests
	.venv/bin/mypy
