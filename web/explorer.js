"use strict";
// the explorer: pages over the SPARQL endpoint (filled in by the next commit)
const ENDPOINT = "/query";
