"""The site engine (MkDocs): the only package that imports it. The core hands it Page objects."""
