#!/usr/bin/env python3
"""Independent check of isnad's output with rdflib and pyshacl (not part of isnad).

usage: check_rdf.py EXPORT.ttl EXPORT.trig SHAPES.ttl

Parses the Turtle and TriG exports with rdflib, checks that every named graph of the
TriG export is named by an isn:Article node it contains (or is one of the derived
graphs — real-world events, figure groups, counts — each checked on its own against
the article graphs: the counts and figure groups are recomputed here), and validates
the Turtle export against the SHACL shapes. Exits non-zero, with the report, on any
failure.
"""
import sys

import pyshacl
import rdflib

ISN = rdflib.Namespace("https://w3id.org/isnad/ontology#")


EVENTS_GRAPH = rdflib.URIRef("https://w3id.org/isnad/id/graph/events")
FIGURES_GRAPH = rdflib.URIRef("https://w3id.org/isnad/id/graph/figures")
STATS_GRAPH = rdflib.URIRef("https://w3id.org/isnad/id/graph/stats")


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


def check_figures_graph(path, g, events, articles):
    """Figure groups: each is about a merged event of the events graph; its count of
    distinct figures and its contested flag agree with its figures; every figure's
    claims exist in an article graph, about a report of that merged event, and give
    the figure's value."""
    reports_of = {}
    for r, m in events.subject_objects(rdflib.OWL.sameAs):
        reports_of.setdefault(m, set()).add(r)
    groups = set(g.subjects(rdflib.RDF.type, ISN.FigureGroup))
    if not groups:
        sys.exit(f"{path}: the figures graph holds no figure group")
    for fg in groups:
        event = g.value(fg, ISN.figuresOf)
        if event not in reports_of:
            sys.exit(f"{path}: {fg} is about {event}, no merged event")
        rows = set(g.subjects(ISN.inGroup, fg))
        values = {g.value(r, ISN.figureValue) for r in rows} - {None}
        if int(g.value(fg, ISN.distinctFigures)) != len(values):
            sys.exit(f"{path}: {fg} says {g.value(fg, ISN.distinctFigures)} distinct figures, its rows give {len(values)}")
        dissent = any(str(g.value(r, ISN.figureText)).startswith(("denied:", "disputed:")) for r in rows)
        if g.value(fg, ISN.contested).toPython() != (len(values) > 1 or dissent):
            sys.exit(f"{path}: {fg} isn:contested disagrees with its figures")
        for row in rows:
            for claim in g.objects(row, ISN.figureClaim):
                homes = [a for a in articles if (claim, rdflib.RDF.type, ISN.CountClaim) in a]
                if len(homes) != 1:
                    sys.exit(f"{path}: {claim} of {row} is in {len(homes)} article graphs")
                a = homes[0]
                if a.value(claim, ISN.about) not in reports_of[event]:
                    sys.exit(f"{path}: {claim} is not about a report of {event}")
                # (ISN["count"]: ISN.count is str.count)
                if a.value(claim, ISN["count"]) != g.value(row, ISN.figureValue):
                    sys.exit(f"{path}: {claim} does not give the figure of {row}")


def check_stats_graph(path, g, articles):
    """Counts, recomputed from the article graphs: entities per article, articles
    per entity."""
    mentioned_in = {}
    for a in articles:
        entities = set(a.subjects(ISN.mentionedAs, None))
        for e in entities:
            mentioned_in[e] = mentioned_in.get(e, 0) + 1
        stored = g.value(a.identifier, ISN.entityCount)
        if stored is None or int(stored) != len(entities):
            sys.exit(f"{path}: {a.identifier} isn:entityCount {stored}, its graph mentions {len(entities)}")
    counted = {e: int(n) for e, n in g.subject_objects(ISN.articleCount)}
    if counted != mentioned_in:
        wrong = sorted(set(counted.items()) ^ set(mentioned_in.items()))[:5]
        sys.exit(f"{path}: isn:articleCount differs from the article graphs: {wrong}")


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
    derived = {EVENTS_GRAPH, FIGURES_GRAPH, STATS_GRAPH}
    by_name = {g.identifier: g for g in graphs}
    for name in derived:
        if name not in by_name:
            sys.exit(f"{trig_path}: no graph {name}")
    articles = [g for g in graphs if g.identifier not in derived and (g.identifier, rdflib.RDF.type, ISN.Article) in g]
    for g in graphs:
        if g.identifier == EVENTS_GRAPH:
            check_events_graph(trig_path, g)
        elif g.identifier == FIGURES_GRAPH:
            check_figures_graph(trig_path, g, by_name[EVENTS_GRAPH], articles)
        elif g.identifier == STATS_GRAPH:
            check_stats_graph(trig_path, g, articles)
        elif (g.identifier, rdflib.RDF.type, ISN.Article) not in g:
            sys.exit(f"{trig_path}: graph {g.identifier} is not named by an isn:Article it contains")

    shapes = rdflib.Graph()
    shapes.parse(shapes_path, format="turtle")
    conforms, _, report = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    if not conforms:
        print(report)
        sys.exit("SHACL validation failed")
    print(f"ok: {len(data)} triples, {len(articles)} article graphs and the derived graphs checked, SHACL conforms")


if __name__ == "__main__":
    main(*sys.argv[1:4])
