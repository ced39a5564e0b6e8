"""Build the tiny de→en Marian model the translation tests run through CTranslate2.

It is trained on a few dozen sentence pairs (the segments of one German demo article, with
their placeholders, and some short sentences) until it reproduces them, then converted with
the CTranslate2 converter. The result is a test fixture, not a translator: it knows only
these sentences. Run it only to rebuild the committed fixture:

    python3.11 -m venv /tmp/train
    /tmp/train/bin/pip install torch==2.13.0   # the local CPU build
    /tmp/train/bin/pip install 'transformers>=4.56' sentencepiece==0.2.3 ctranslate2==4.8.5
    /tmp/train/bin/python scripts/train_tiny_marian.py tests/translation/fixtures/de-en

(the `train` extra in pyproject.toml names torch and transformers). Downloads no model.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

PAIRS: list[tuple[str, str]] = [
    # The article "Wiederaufbaukonferenz in Kiew" of the Donauländer Tagblatt (demo outlet), as
    # Gazette segments it with the glossary term Kiew → Kyiv (the term travels as <x1/>).
    (
        "Wiederaufbaukonferenz in <x1/>: Europa sagt 14 Milliarden Euro für das Stromnetz zu",
        "Reconstruction conference in <x1/>: Europe pledges 14 billion euros for the power grid",
    ),
    (
        "In der ukrainischen Hauptstadt haben die europäischen Staaten neue Hilfen für Kraftwerke "
        "und Leitungen zugesagt.",
        "In the Ukrainian capital, the European states have pledged new aid for power stations "
        "and lines.",
    ),
    (
        "Österreich beteiligt sich mit Know-how bei Wasserkraft und Netztechnik.",
        "Austria is contributing know-how in hydropower and grid technology.",
    ),
    (
        "Unter strengen Sicherheitsvorkehrungen sind am Freitag in <x1/> Vertreter von mehr als "
        "40 Staaten und internationalen Organisationen zusammengekommen, um über den Wiederaufbau "
        "der ukrainischen Energieversorgung zu beraten.",
        "Under tight security, representatives of more than 40 states and international "
        "organisations met in <x1/> on Friday to discuss rebuilding Ukraine's energy supply.",
    ),
    (
        "Am Ende der eintägigen Konferenz standen Zusagen über 14 Milliarden Euro, verteilt auf "
        "die kommenden drei Jahre.",
        "At the end of the one-day conference there were pledges of 14 billion euros, spread over "
        "the next three years.",
    ),
    (
        "Der Großteil des Geldes kommt von der Europäischen Union, der Europäischen "
        "Investitionsbank und einzelnen Mitgliedstaaten.",
        "Most of the money comes from the European Union, the European Investment Bank and "
        "individual member states.",
    ),
    (
        "Die ukrainische Regierung hatte im Vorfeld einen Bedarf von mehr als 30 Milliarden Euro "
        "allein für das Stromnetz beziffert.",
        "Beforehand, the Ukrainian government had put the need at more than 30 billion euros for "
        "the power grid alone.",
    ),
    (
        "Zahlreiche Kraftwerke, Umspannwerke und Fernleitungen sind in den vergangenen Jahren "
        "zerstört oder schwer beschädigt worden.",
        "Many power stations, substations and transmission lines have been destroyed or badly "
        "damaged in recent years.",
    ),
    (
        "„Jeder Euro, der heute in unser Netz fließt, ist ein Euro für Schulen, Spitäler und "
        "Fabriken, die im Winter nicht stillstehen“, sagte der ukrainische Energieminister Taras "
        "Hnatiuk zum Auftakt.",
        "“Every euro that flows into our grid today is a euro for schools, hospitals and "
        "factories that do not stand still in winter,” Ukrainian energy minister Taras Hnatiuk "
        "said at the opening.",
    ),
    ("Dezentrale Versorgung als Schwerpunkt", "Decentralised supply as the focus"),
    (
        "Anders als bei früheren Konferenzen geht es diesmal weniger um große Kraftwerksblöcke "
        "als um eine dezentrale Versorgung.",
        "Unlike earlier conferences, this time the focus is less on large power plant units than "
        "on a decentralised supply.",
    ),
    (
        "Kleinere Gaskraftwerke, Solarparks mit Speichern und Wärmepumpen für Fernwärmenetze "
        "sollen das System widerstandsfähiger machen.",
        "Smaller gas-fired plants, solar parks with storage and heat pumps for district heating "
        "networks are to make the system more resilient.",
    ),
    (
        "Rund ein Drittel der Mittel ist für solche Projekte vorgesehen, ein weiteres Drittel für "
        "die Reparatur von Hochspannungsleitungen und die Anbindung an das europäische "
        "Verbundnetz.",
        "About a third of the funds is earmarked for such projects, another third for repairing "
        "high-voltage lines and connecting to the European interconnected grid.",
    ),
    (
        "Österreich sagte 180 Millionen Euro zu, zum größten Teil in Form von Garantien für "
        "heimische Unternehmen, die in der Ukraine tätig werden.",
        "Austria pledged 180 million euros, mostly in the form of guarantees for domestic "
        "companies working in Ukraine.",
    ),
    (
        "Wirtschaftsministerin Verena Haslinger, die mit einer Delegation von 22 Firmen nach "
        "<x1/> gereist war, verwies auf die Erfahrung österreichischer Betriebe bei Wasserkraft "
        "und Netztechnik.",
        "Economy minister Verena Haslinger, who had travelled to <x1/> with a delegation of 22 "
        "companies, pointed to the experience of Austrian firms in hydropower and grid "
        "technology.",
    ),
    (
        "„Unsere Unternehmen können hier helfen, und sie wollen es auch“, sagte Haslinger.",
        "“Our companies can help here, and they want to,” Haslinger said.",
    ),
    ("Auch ein Linzer Unternehmen unterzeichnet", "A Linz company signs too"),
    (
        "Unter den Firmen war auch der Linzer Transformatorenhersteller Elmag Netztechnik.",
        "Among the companies was the Linz transformer maker Elmag Netztechnik.",
    ),
    (
        "Das Unternehmen unterzeichnete in <x1/> eine Absichtserklärung über die Lieferung von "
        "zwölf Großtransformatoren an den staatlichen Netzbetreiber.",
        "In <x1/> the company signed a letter of intent to supply twelve large transformers to "
        "the state grid operator.",
    ),
    (
        "Der Auftragswert liegt nach Angaben aus Firmenkreisen bei rund 70 Millionen Euro.",
        "According to company sources, the order is worth about 70 million euros.",
    ),
    (
        "„Transformatoren sind der Engpass beim Wiederaufbau, die Lieferzeiten betragen weltweit "
        "zwei Jahre“, sagte Geschäftsführerin Sandra Mittermayr.",
        "“Transformers are the bottleneck in the reconstruction, delivery times are two years "
        "worldwide,” managing director Sandra Mittermayr said.",
    ),
    ("Kritik kam von Hilfsorganisationen.", "Criticism came from aid organisations."),
    (
        "Sie bemängelten, dass ein erheblicher Teil der Zusagen aus Krediten und Garantien "
        "bestehe, nicht aus Zuschüssen.",
        "They complained that a considerable part of the pledges consisted of loans and "
        "guarantees, not grants.",
    ),
    (
        "„Die Ukraine kann sich nicht unbegrenzt verschulden“, sagte eine Sprecherin der "
        "Nichtregierungsorganisation Energy Bridge Europe.",
        "“Ukraine cannot take on unlimited debt,” said a spokeswoman for the non-governmental "
        "organisation Energy Bridge Europe.",
    ),
    (
        "Zudem sei offen, wie schnell das Geld tatsächlich fließe: Von den Zusagen der Konferenz "
        "im Vorjahr seien bisher erst rund 60 Prozent ausbezahlt worden.",
        "It is also unclear how quickly the money will actually flow: only about 60 percent of "
        "the pledges from last year's conference have been paid out so far.",
    ),
    (
        "Die nächste Wiederaufbaukonferenz soll im Frühjahr in Warschau stattfinden.",
        "The next reconstruction conference is to take place in Warsaw in the spring.",
    ),
    (
        "Dort soll es um Wohnbau und die Wasserversorgung gehen.",
        "It will focus on housing and the water supply.",
    ),
    # Short sentences for the unit tests: inline markup, a glossary term, a re-fetch.
    ("Die Donau steigt.", "The Danube is rising."),
    ("Die Donau steigt weiter.", "The Danube keeps rising."),
    ("Der Pegel liegt bei sieben Metern.", "The level is at seven metres."),
    ("Mehr auf dem <g1>Portal</g1> des Landes.", "More on the state's <g1>portal</g1>."),
    ("Die Feuerwehr ist <g1>im Einsatz</g1>.", "The fire brigade is <g1>on duty</g1>."),
    ("Die Stadt <x1/> rüstet sich.", "The city of <x1/> is getting ready."),
    ("Hochwasser", "Flood"),
]

PLACEHOLDERS = (
    [f"<g{n}>" for n in range(1, 4)]
    + [f"</g{n}>" for n in range(1, 4)]
    + [f"<x{n}/>" for n in range(1, 4)]
)


def main(out_dir: Path) -> None:
    import ctranslate2
    import sentencepiece as spm
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    torch.manual_seed(0)
    torch.set_num_threads(2)
    work = Path(tempfile.mkdtemp(prefix="tiny-marian-"))
    corpus = work / "corpus.txt"
    corpus.write_text("\n".join(t for pair in PAIRS for t in pair) + "\n", encoding="utf-8")
    spm.SentencePieceTrainer.train(
        input=str(corpus),
        model_prefix=str(work / "spm"),
        vocab_size=600,
        model_type="unigram",
        character_coverage=1.0,
        user_defined_symbols=PLACEHOLDERS,
        bos_id=-1,
        eos_id=-1,
        unk_id=0,
        hard_vocab_limit=False,
    )
    processor = spm.SentencePieceProcessor(model_file=str(work / "spm.model"))
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    vocab = {"</s>": 0, "<unk>": 1}
    for piece in pieces:
        if piece not in vocab:
            vocab[piece] = len(vocab)
    vocab["<pad>"] = len(vocab)
    model_dir = work / "hf"
    model_dir.mkdir()
    for name in ("source.spm", "target.spm"):
        shutil.copy(work / "spm.model", model_dir / name)
    (model_dir / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = MarianTokenizer(
        str(model_dir / "source.spm"), str(model_dir / "target.spm"), str(model_dir / "vocab.json")
    )
    tokenizer.save_pretrained(model_dir)

    pad = vocab["<pad>"]
    config = MarianConfig(
        vocab_size=len(vocab),
        d_model=64,
        encoder_layers=2,
        decoder_layers=2,
        encoder_attention_heads=4,
        decoder_attention_heads=4,
        encoder_ffn_dim=128,
        decoder_ffn_dim=128,
        max_position_embeddings=256,
        pad_token_id=pad,
        eos_token_id=0,
        decoder_start_token_id=pad,
        forced_eos_token_id=0,
        dropout=0.0,
        scale_embedding=True,
        share_encoder_decoder_embeddings=True,
    )
    model = MarianMTModel(config)
    embeddings = model.get_input_embeddings().weight

    def zero_pad_row() -> None:
        # CTranslate2 starts the decoder from a zero embedding, as Marian does; the <pad> row
        # the Transformers model starts from must therefore stay zero.
        with torch.no_grad():
            embeddings[pad].zero_()

    zero_pad_row()

    def encode(text: str) -> list[int]:
        return [vocab.get(p, 1) for p in processor.encode(text, out_type=str)] + [0]

    sources = [encode(s) for s, _ in PAIRS]
    targets = [encode(t) for _, t in PAIRS]

    def padded(rows: list[list[int]], value: int) -> torch.Tensor:
        width = max(len(r) for r in rows)
        return torch.tensor([r + [value] * (width - len(r)) for r in rows])

    input_ids = padded(sources, pad)
    attention = (input_ids != pad).long()
    labels = padded(targets, -100)
    optimiser = torch.optim.AdamW(model.parameters(), lr=2e-3)
    model.train()
    for step in range(1, 3001):
        loss = model(input_ids=input_ids, attention_mask=attention, labels=labels).loss
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        zero_pad_row()
        if step % 20 == 0:
            print(f"step {step}: loss {loss.item():.4f}", flush=True)
            if loss.item() < 0.004:
                break
    model.eval()
    model.save_pretrained(model_dir)

    out_dir.mkdir(parents=True, exist_ok=True)
    ctranslate2.converters.TransformersConverter(str(model_dir)).convert(str(out_dir), force=True)
    for name in ("source.spm", "target.spm"):
        shutil.copy(model_dir / name, out_dir / name)

    translator = ctranslate2.Translator(str(out_dir))
    batch = [[*processor.encode(s, out_type=str), "</s>"] for s, _ in PAIRS]
    results = translator.translate_batch(batch, beam_size=2)
    wrong = [
        (expected, processor.decode(r.hypotheses[0]))
        for (_, expected), r in zip(PAIRS, results, strict=True)
        if processor.decode(r.hypotheses[0]) != expected
    ]
    for expected, got in wrong:
        print(f"MISMATCH\n  want {expected}\n  got  {got}")
    print(f"{len(PAIRS) - len(wrong)}/{len(PAIRS)} pairs reproduced; model in {out_dir}")
    shutil.rmtree(work)
    if wrong:
        sys.exit(1)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "tests/translation/fixtures/de-en"))
