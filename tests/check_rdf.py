#!/usr/bin/env python3
"""Independent check of isnad's output with rdflib and pyshacl (not part of isnad).

usage: check_rdf.py EXPORT.ttl EXPORT.trig SHAPES.ttl

Parses the Turtle and TriG exports with rdflib, checks that every named graph of the
TriG export is named by an isn:Article node it contains (or is the derived graph of
real-world events, checked on its own), and validates the Turtle export against the
SHACL shapes. Exits non-zero, with the report, on any failure.
"""
import sys

import pyshacl
import rdflib

ISN = rdflib.Namespace("https://w3id.org/isnad/ontology#")


EVENTS_GRAPH = rdflib.URIRef("https://w3id.org/isnad/id/graph/events")


def check_events_graph(path, g):
    """The derived graph of real-world events: each subject is either a merged event
    (with a class and one isn:mergeReason) or an article's report linking to one with
    owl:sameAs; every merged event is linked to by at least one report."""
    merged = set(g.subjects(ISN.mergeReason, None))
    if not merged:
        sys.exit(f"{path}: the events graph holds no merged event")
    for event in merged:
        if len(list(g.objects(event, ISN.mergeReason))) != 1:
            sys.exit(f"{path}: {event} has not exactly one isn:mergeReason")
        if not list(g.objects(event, rdflib.RDF.type)):
            sys.exit(f"{path}: {event} has no class")
        if not list(g.subjects(rdflib.OWL.sameAs, event)):
            sys.exit(f"{path}: no report links to {event}")
    for s in set(g.subjects()) - merged:
        links = list(g.predicate_objects(s))
        if not links or any(p != rdflib.OWL.sameAs or o not in merged for p, o in links):
            sys.exit(f"{path}: {s} in the events graph is neither a merged event nor a report of one")


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
        if g.identifier == EVENTS_GRAPH:
            check_events_graph(trig_path, g)
        elif (g.identifier, rdflib.RDF.type, ISN.Article) not in g:
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
