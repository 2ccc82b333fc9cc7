"""A real SPARQL client: SPARQLWrapper runs every file of queries/ against
`isnad serve` and gets the rows `isnad query --format json` gives for the same store."""
import glob
import json
import os

import pytest
from SPARQLWrapper import CSV, JSON, POST, SELECT, TSV, XML, SPARQLWrapper

from conftest import ROOT, isnad

QUERIES = sorted(glob.glob(os.path.join(ROOT, "queries", "*.rq")))


def rows(results):
    """SPARQL JSON results as comparable rows (order kept: the queries sort)."""
    names = results["head"]["vars"]
    out = []
    for b in results["results"]["bindings"]:
        out.append(tuple((b[n]["type"].replace("typed-literal", "literal"), b[n]["value"],
                          b[n].get("xml:lang"), b[n].get("datatype")) if n in b else None
                         for n in names))
    return names, out


def test_there_are_queries():
    assert len(QUERIES) >= 10


@pytest.mark.parametrize("path", QUERIES, ids=os.path.basename)
def test_each_query_gives_the_rows_of_isnad_query(server, store, path):
    text = open(path, encoding="utf-8").read()
    expected = json.loads(isnad("--store", store, "query", "--format", "json", "--file", path))
    client = SPARQLWrapper(server + "/query")
    client.setQuery(text)
    # SPARQLWrapper guesses the query form from the text, and its comment stripping
    # leaves every other line of a block of # comments, where a word such as "add"
    # passes for an update: say what the form is
    client.queryType = SELECT
    client.setReturnFormat(JSON)
    got = client.query().convert()
    assert rows(got) == rows(expected)


def test_post_and_the_other_formats(server):
    client = SPARQLWrapper(server + "/sparql")
    client.setMethod(POST)
    client.setQuery("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?g a isn:Article } }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["results"]["bindings"][0]["n"]["value"] == "4"
    client.setReturnFormat(CSV)
    assert client.query().convert().decode().replace("\r\n", "\n") == "n\n4\n"
    client.setReturnFormat(TSV)
    assert client.query().convert().decode() == "?n\n4\n"
    client.setReturnFormat(XML)
    doc = client.query().convert()
    assert doc.getElementsByTagName("literal")[0].firstChild.data == "4"


def test_construct_comes_back_as_a_graph(server):
    client = SPARQLWrapper(server + "/query")
    client.setQuery("CONSTRUCT { ?e a isn:Attack } WHERE { GRAPH ?g { ?e a isn:Attack } }")
    graph = client.queryAndConvert()  # RDF/XML by default, parsed by rdflib
    assert len(graph) >= 1
