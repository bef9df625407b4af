"""Paragraphs of a short French news article, shared by the HTML tests."""

PARAGRAPHS = [
    "Le conseil municipal s'est réuni mardi soir pour débattre du budget de l'année prochaine, "
    "et les élus ont longuement discuté des écoles, des routes et de la bibliothèque.",
    "Après trois heures de débat, le budget a été adopté à une large majorité, malgré les réserves "
    "exprimées par l'opposition sur le coût du nouveau théâtre.",
    "Le maire a déclaré que les travaux commenceraient au printemps et dureraient deux ans, "
    "ce qui devrait améliorer la vie quotidienne des habitants du quartier.",
]
