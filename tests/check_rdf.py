#!/usr/bin/env python3
"""Independent check of isnad's output with rdflib and pyshacl (not part of isnad).

usage: check_rdf.py EXPORT.ttl EXPORT.trig SHAPES.ttl

Parses the Turtle and TriG exports with rdflib, checks that every named graph of the
TriG export is named by an isn:Article node it contains, and validates the Turtle
export against the SHACL shapes. Exits non-zero, with the report, on any failure.
"""
import sys

import pyshacl
import rdflib

ISN = rdflib.Namespace("https://w3id.org/isnad/ontology#")


def main(turtle_path, trig_path, shapes_path):
    data = rdflib.Graph()
    data.parse(turtle_path, format="turtle")
    if len(data) == 0:
        sys.exit(f"{turtle_path}: no triples")

    dataset = rdflib.Dataset()
    dataset.parse(trig_path, format="trig")
    graphs = [g for g in dataset.graphs() if len(g) > 0 and g.identifier != rdflib.URIRef("urn:x-rdflib:default")]
    if not graphs:
        sys.exit(f"{trig_path}: no named graphs")
    for g in graphs:
        if (g.identifier, rdflib.RDF.type, ISN.Article) not in g:
            sys.exit(f"{trig_path}: graph {g.identifier} is not named by an isn:Article it contains")

    shapes = rdflib.Graph()
    shapes.parse(shapes_path, format="turtle")
    conforms, _, report = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    if not conforms:
        print(report)
        sys.exit("SHACL validation failed")
    print(f"ok: {len(data)} triples, {len(graphs)} article graphs, SHACL conforms")


if __name__ == "__main__":
    main(*sys.argv[1:4])
