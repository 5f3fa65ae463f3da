"""The guided questionnaire: model, routing, scoring on the knowledge graph, advice."""
