"""A frozen copy of the engine as it was at revision 1 of the contract (engine, events and rules
as they stood before revision 2), kept only so the tests can show that a document using none of
revision 2's events or fields gives revision 1's output, apart from the deliberate corrections.
Never imported by the engine; never edited except to keep it importable."""
