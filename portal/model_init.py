"""Rows from the database become pages without modelcluster's search for
child relations.

`ClusterableModel.__init__` (django-modelcluster 6.5) lists every child
relation of the model, through all of `_meta.get_fields()`, before it looks
whether any was passed as a keyword: for a page, some 200 calls for each
instance. Django builds instances from rows with positional values only, so
for every page in a menu, a breadcrumb trail or on a card that search found
nothing. Without keywords it is skipped here; with keywords (a page built in
code with its child objects) modelcluster's own constructor runs.
"""

from modelcluster.models import ClusterableModel

_clusterable_init = ClusterableModel.__init__


def _init(self, *args, **kwargs):
    if kwargs:
        _clusterable_init(self, *args, **kwargs)
    else:
        # What modelcluster does when no child relation is among the keywords.
        super(ClusterableModel, self).__init__(*args)


def install():
    if ClusterableModel.__init__ is _clusterable_init:
        ClusterableModel.__init__ = _init
