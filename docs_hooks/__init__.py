"""MkDocs hooks of the documentation site (mkdocs.yml lists them); tests import them too."""
