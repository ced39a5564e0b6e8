"""Articles of The Harbour Courier, a fictional English daily from the port of Kingsharbour."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from .content_wirereview import ARTICLES as WIRE_REVIEW_ARTICLES
from .model import Outlet, OutletArticle

LONDON = timezone(timedelta(0), "GMT")


def _agency_story(wire_id: str) -> OutletArticle:
    return next(article for article in WIRE_REVIEW_ARTICLES if article.wire_id == wire_id)


def _wire_copy(
    wire_id: str,
    *,
    title: str,
    standfirst: str,
    path: str,
    published: datetime,
    drop_paragraphs: int = 1,
    extra_html: str = "",
) -> OutletArticle:
    """The Courier's copy of a CPA story: own headline, last paragraphs cut, maybe a line added."""
    story = _agency_story(wire_id)
    blocks = story.body_html.split("\n")
    body = "\n".join(blocks[: len(blocks) - drop_paragraphs] + ([extra_html] if extra_html else []))
    return replace(
        story,
        slug=path.rsplit("/", 1)[-1],
        title=title,
        standfirst=standfirst,
        author=f"{story.author}, CPA",
        published=published,
        modified=None,
        body_html=body,
        path=path,
    )


WIRE_COPIES: tuple[OutletArticle, ...] = (
    _wire_copy(
        "cpa-danube-flood",
        title="Danube flood: more than 1,200 evacuated as river rises in Passau and Linz",
        standfirst=(
            "Firefighters took to boats in Passau’s old town as the upper Danube rose to its "
            "highest level in more than a decade after four days of rain."
        ),
        path="/news/world/danube-flood-passau-linz-evacuations",
        published=datetime(2026, 11, 17, 11, 15, tzinfo=LONDON),
        extra_html=(
            "<p>Kingsharbour’s twin town of Grein, on the Danube east of Linz, said on Tuesday "
            "that its flood barriers were holding and that the old town had so far been spared."
            "</p>"
        ),
    ),
    _wire_copy(
        "cpa-kyiv-conference",
        title="Ukraine wins €14bn pledge to rebuild its battered power grid",
        standfirst=(
            "Donors meeting in Kyiv promised money for transformers, power lines and smaller "
            "plants, but much of it will come as loans."
        ),
        path="/news/world/ukraine-power-grid-pledge-kyiv",
        published=datetime(2026, 11, 20, 16, 30, tzinfo=LONDON),
        drop_paragraphs=2,
    ),
    _wire_copy(
        "cpa-halcyon-probe",
        title="Ice found buried inside asteroid, say European scientists",
        standfirst=(
            "The Halcyon spacecraft has detected what appear to be layers of ice up to 25 metres "
            "beneath the surface of the asteroid Velmira."
        ),
        path="/news/science/ice-found-inside-asteroid-velmira",
        published=datetime(2026, 11, 13, 19, 5, tzinfo=LONDON),
    ),
)

OWN_ARTICLES: tuple[OutletArticle, ...] = (
    OutletArticle(
        slug="ecb-rate-cut-kingsharbour-exporters",
        title="ECB rate cut lifts hopes for Kingsharbour’s exporters, but sterling jumps",
        standfirst=(
            "Frankfurt’s decision to cut borrowing costs should help European customers of the "
            "port’s manufacturers, though a stronger pound takes some of the shine off."
        ),
        author="Priya Ramsden",
        section="Economy",
        published=datetime(2026, 11, 19, 16, 10, tzinfo=LONDON),
        modified=None,
        body_html=(
            "<p>The European Central Bank cut interest rates on Thursday for the first time "
            "since the spring, a move that businesses in Kingsharbour hope will revive demand "
            "from their biggest customers on the Continent.</p>\n"
            "<p>The ECB lowered its deposit rate by a quarter of a percentage point to 1.75 per "
            "cent, saying that industrial output in the euro zone had shrunk again over the "
            "summer and that the outlook for growth remained weak. Inflation in the single "
            "currency area was 1.8 per cent in October, just below the bank’s 2 per cent "
            "target.</p>\n"
            "<p>Although the decision has no direct effect on mortgages or savings in Britain, "
            "it matters a great deal to the port. Almost half of the goods shipped through "
            "Kingsharbour’s container terminal last year went to or came from euro zone "
            "countries, according to figures from the harbour board, and the town’s largest "
            "manufacturers sell most of their output to customers in Germany, the Netherlands "
            "and France.</p>\n"
            "<h2>‘Our customers have been sitting on their hands’</h2>\n"
            "<p>At Brennan Marine Pumps, which employs 230 people at its works on the Eastfield "
            "estate, managing director Carol Brennan said orders from European shipbuilders had "
            "fallen by a fifth this year.</p>\n"
            "<p>‘Our customers have been sitting on their hands. Nobody wants to commit to a new "
            "vessel when borrowing is expensive and the economy is flat,’ she said. ‘Cheaper "
            "money won’t change things overnight, but it is the first good news from Europe we "
            "have had in months.’</p>\n"
            "<p>The Kingsharbour Chamber of Commerce said several members had delayed investment "
            "decisions until there was more clarity on the European economy. Its chief "
            "executive, Nadeem Qureshi, described the cut as ‘overdue but welcome’.</p>\n"
            "<h2>A stronger pound</h2>\n"
            "<p>There was a catch. The pound rose against the euro after the announcement, as "
            "traders bet that the Bank of England would keep UK rates on hold for longer than "
            "its counterpart in Frankfurt. By late afternoon sterling was worth €1.19, its "
            "highest level since the summer.</p>\n"
            "<p>A stronger pound makes British goods more expensive for European buyers. ‘It "
            "giveth and it taketh away,’ said Ms Brennan. ‘If the currency keeps climbing, it "
            "will eat up most of what the rate cut gives us.’</p>\n"
            "<p>For holidaymakers, the picture is brighter. A stronger pound means more euros "
            "for every pound spent abroad, and travel agents on Fore Street reported a rise in "
            "enquiries about Christmas markets in Germany and Austria.</p>\n"
            "<h2>What happens next</h2>\n"
            "<p>Economists expect the ECB to cut rates again in the new year if the euro zone "
            "economy does not pick up. The Bank of England’s next decision is due in "
            "December.</p>\n"
            "<ul>\n"
            "<li>ECB deposit rate: 1.75 per cent (from 2.00 per cent)</li>\n"
            "<li>Euro zone inflation, October: 1.8 per cent</li>\n"
            "<li>Pound against the euro, Thursday close: €1.19</li>\n"
            "<li>Share of Kingsharbour container trade with the euro zone: 47 per cent</li>\n"
            "</ul>\n"
            "<p>The harbour board will publish its quarterly trade figures next month, which "
            "will give the first indication of whether the downturn in European demand is "
            "bottoming out.</p>"
        ),
        path="/news/economy/ecb-rate-cut-kingsharbour-exporters",
        event="ecb-rate-decision",
        wire_id=None,
    ),
    OutletArticle(
        slug="athletic-win-danube-cup-vienna",
        title="Athletic win Danube Cup after shoot-out drama in Vienna",
        standfirst=(
            "Owen Pritchard saved from Wachau captain Martin Eder as Kingsharbour Athletic came "
            "from behind twice to land their first European trophy since 1974."
        ),
        author="Tom Gellatly",
        section="Sport",
        published=datetime(2026, 11, 21, 22, 40, tzinfo=LONDON),
        modified=datetime(2026, 11, 22, 9, 15, tzinfo=LONDON),
        body_html=(
            "<p>Fifty-two years of waiting ended in a rain-soaked Vienna on Saturday night as "
            "Kingsharbour Athletic beat FC Wachau 4-3 on penalties to win the Danube Cup, after "
            "the final had finished 2-2 at the end of extra time.</p>\n"
            "<p>It was goalkeeper Owen Pritchard who made the decisive intervention, diving to "
            "his right to keep out Wachau captain Martin Eder’s spot kick, before defender Simon "
            "Gratzer lifted the Austrians’ fifth penalty over the bar. Around 9,000 travelling "
            "supporters in a crowd of 38,500 at the Ernst Happel Stadium erupted.</p>\n"
            "<p>‘I just had a feeling about him,’ said Pritchard, who had studied footage of "
            "Eder’s penalties with the goalkeeping coach on the eve of the final. ‘He looked at "
            "my left post twice before he ran up. I went the other way and got lucky.’</p>\n"
            "<h2>Behind twice</h2>\n"
            "<p>Athletic had to do it the hard way. Gratzer, later to become the villain of the "
            "shoot-out, headed Wachau in front from a corner after 12 minutes, and for long "
            "spells of the first half the underdogs from the Austrian wine country were the "
            "better side.</p>\n"
            "<p>Callum Reddish levelled a minute before the break, his shot from the edge of the "
            "box taking a big deflection on its way past goalkeeper Lukas Rainer. But Wachau "
            "went ahead again on 63 minutes with the goal of the night, Jakob Hinterleitner "
            "curling a free kick from 22 yards into the top corner.</p>\n"
            "<p>Athletic’s response was swift. Six minutes later Tunde Bakare met Jordan "
            "Ellery’s cross from the right with a firm header, and the final was level again.</p>\n"
            "<h2>Pritchard the hero</h2>\n"
            "<p>Extra time was a war of attrition. Wachau’s substitute Luka Perković should have "
            "won it in the 118th minute, but dragged his shot inches wide with only Pritchard to "
            "beat. Athletic manager Graham Lusk admitted afterwards that his side had ‘ridden "
            "our luck’.</p>\n"
            "<p>‘They were the better team for long spells and I won’t pretend otherwise,’ Lusk "
            "said. ‘But we kept going, and finals are about the team that is standing at the "
            "end.’</p>\n"
            "<blockquote><p>‘I’ve supported this club since I was six. My dad never saw us win "
            "anything like this. I wish he was here tonight.’ — Athletic fan Gary Hebden, 61, "
            "outside the stadium</p></blockquote>\n"
            "<p>The players will parade the trophy on an open-top bus from the Quay to the Town "
            "Hall on Monday afternoon, the club confirmed on Sunday morning. Roads around the "
            "harbour will be closed from 2pm.</p>\n"
            "<p>The victory brings prize money of €2.5 million, a welcome boost to a club that "
            "was in administration only eight years ago.</p>"
        ),
        path="/news/sport/athletic-win-danube-cup-vienna",
        event="cup-final",
        wire_id=None,
    ),
    OutletArticle(
        slug="harbour-wall-repairs-approved",
        title="Council approves £38m repairs to storm-battered harbour wall",
        standfirst=(
            "Work on the Victorian breakwater will start in spring and take three years. Fishermen "
            "welcome the plan but fear months of disruption in the outer harbour."
        ),
        author="Martha Quayle",
        section="Local",
        published=datetime(2026, 11, 10, 18, 0, tzinfo=LONDON),
        modified=None,
        body_html=(
            "<p>Repairs to Kingsharbour’s Victorian harbour wall, badly damaged in last winter’s "
            "storms, will begin in the spring after councillors approved a £38 million scheme on "
            "Tuesday evening.</p>\n"
            "<p>The planning committee voted nine to two in favour of the plans, which will see "
            "the 640-metre breakwater strengthened with new concrete armour units and its "
            "crumbling parapet rebuilt in granite. Work is expected to take three years.</p>\n"
            '<figure><img src="/images/2026/11/harbour-wall-breach.png" alt="Waves breaking over '
            'the damaged section of the harbour wall" width="960" height="540" '
            "/><figcaption>Waves break over the damaged section of the harbour wall during Storm "
            "Imelda in February. Photograph: Harbour Courier</figcaption></figure>\n"
            "<p>The wall, completed in 1871, protects the inner harbour, the fish market and "
            "around 300 homes on the Strand from the open sea. During Storm Imelda in February, "
            "waves tore a 30-metre gap in the parapet and dislodged several thousand tonnes of "
            "stone from its seaward face.</p>\n"
            "<h2>‘We had no choice’</h2>\n"
            "<p>Councillor Bernard Oyelaran, the cabinet member for infrastructure, told the "
            "meeting that doing nothing was not an option. ‘Engineers have told us in no "
            "uncertain terms that another winter like the last one could breach the wall "
            "completely,’ he said. ‘If that happens, the Strand floods and we lose the "
            "harbour.’</p>\n"
            "<p>The scheme will be funded largely by a £29 million grant from the government’s "
            "coastal defence programme, with the remainder coming from the harbour board and the "
            "council’s capital budget.</p>\n"
            "<p>The two councillors who voted against, both from the Harbour First group, said "
            "they supported the repairs but objected to the design, which they said would hide "
            "the historic stonework behind rows of concrete blocks. ‘We are replacing a listed "
            "Victorian structure with something that looks like a motorway embankment,’ said "
            "Councillor Jean Pascoe.</p>\n"
            "<h2>Disruption for fishing fleet</h2>\n"
            "<p>The harbour’s fishing fleet, which numbers 34 vessels, has welcomed the decision "
            "but is worried about the construction period. Barges and cranes will occupy part of "
            "the outer harbour for much of the work, and the main channel will be narrowed at "
            "times.</p>\n"
            "<p>‘Everybody wants the wall fixed. Nobody wants three years of not being able to "
            "get in and out on a bad tide,’ said Alan Tregear, chairman of the Kingsharbour "
            "Fishermen’s Association.</p>\n"
            "<p>The council said it would draw up a plan with the harbour master to keep the "
            "channel open, and that the noisiest work would take place outside the main fishing "
            "season.</p>\n"
            "<p>A public exhibition of the plans will be held at the Harbour Office on Quay "
            "Street on 2 and 3 December, from 10am to 6pm.</p>"
        ),
        path="/news/local/harbour-wall-repairs-approved",
        event=None,
        wire_id=None,
    ),
    OutletArticle(
        slug="council-leader-survives-no-confidence-vote",
        title="Council leader survives no-confidence vote over ferry subsidy",
        standfirst=(
            "Denise Farrow clung on by four votes after a stormy meeting over the £1.2m deal to "
            "keep the Kingsharbour–St Ives Point ferry running through the winter."
        ),
        author="Owen Treharne",
        section="Politics",
        published=datetime(2026, 11, 16, 21, 30, tzinfo=LONDON),
        modified=None,
        body_html=(
            "<p>The leader of Kingsharbour Borough Council, Denise Farrow, survived a vote of no "
            "confidence on Monday night after a heated three-hour meeting dominated by the "
            "future of the town’s loss-making ferry.</p>\n"
            "<p>The motion, tabled by the opposition Harbour First group, was defeated by 24 "
            "votes to 20, with two abstentions. Several members of Ms Farrow’s own group had "
            "been rumoured to be considering voting against her, but in the end only one did "
            "so.</p>\n"
            "<p>The row centres on the council’s decision last month to pay the operator of the "
            "ferry across the estuary to St Ives Point a subsidy of £1.2 million to keep the "
            "service running through the winter. The company, Estuary Crossings Ltd, had warned "
            "that it would otherwise suspend sailings from December until March.</p>\n"
            "<h2>‘Decided behind closed doors’</h2>\n"
            "<p>Opening the debate, Harbour First leader Keith Marrable accused Ms Farrow of "
            "agreeing the deal without proper scrutiny. ‘A decision involving more than a "
            "million pounds of public money was taken behind closed doors, without a vote of "
            "this council and without any business case being published,’ he said.</p>\n"
            "<p>He also pointed out that Estuary Crossings’ managing director had donated to the "
            "ruling group’s election campaign two years ago, a fact that was first reported by "
            "the Courier last week. Ms Farrow has said the donation was properly declared and "
            "played no part in the decision.</p>\n"
            "<p>Speaking before the vote, the council leader said she had acted to protect a "
            "lifeline service. ‘Six hundred people use that ferry every day to get to work, to "
            "school and to the hospital,’ she said. ‘Without it, they face a 40-mile round trip "
            "by road. I was not prepared to let that happen while we argued about process.’</p>\n"
            "<h2>Review ordered</h2>\n"
            "<p>In an attempt to head off the rebellion, Ms Farrow announced at the start of the "
            "meeting that the council’s audit committee would review the way the decision had "
            "been taken. She also promised to publish the full contract with the ferry operator "
            "by the end of the month.</p>\n"
            "<p>That concession appeared to win over wavering members of her group. Councillor "
            "Helen Bassett, who had publicly criticised the deal, said she would give the leader "
            "‘one more chance’. ‘I want to see the contract and I want to see the review. If "
            "they don’t stand up, we will be back here,’ she said.</p>\n"
            "<p>Outside the council chamber, around 50 ferry users held a demonstration in "
            "support of the subsidy, holding placards reading ‘Save our ferry’ and ‘The river is "
            "our road’.</p>\n"
            "<p>The audit committee is expected to report in January. The council will also have "
            "to decide before the spring whether to continue the subsidy beyond March, when the "
            "current agreement expires.</p>"
        ),
        path="/news/politics/council-leader-survives-no-confidence-vote",
        event=None,
        wire_id=None,
    ),
    OutletArticle(
        slug="maritime-museum-reopens-ship-sank-twice",
        title="Maritime museum reopens with the ship that sank twice",
        standfirst=(
            "After a two-year, £11m refurbishment, the Kingsharbour Maritime Museum is back, built "
            "around the restored hull of a schooner with a habit of going to the bottom."
        ),
        author="Ruth Ashdown",
        section="Culture",
        published=datetime(2026, 11, 14, 9, 0, tzinfo=LONDON),
        modified=None,
        body_html=(
            "<p>The Margaret Ellen has sunk twice, once off the Lizard in 1903 and once, rather "
            "more embarrassingly, at her moorings in Kingsharbour in 1988. Now the old schooner "
            "sits on dry land at the heart of the refurbished Kingsharbour Maritime Museum, "
            "which reopens to the public this weekend after two years and £11 million of "
            "work.</p>\n"
            '<figure><img src="/images/2026/11/margaret-ellen-museum.png" alt="The restored hull '
            'of the schooner Margaret Ellen inside the new museum hall" width="960" height="540" '
            "/><figcaption>The restored Margaret Ellen in the museum’s new glass hall. "
            "Photograph: Harbour Courier</figcaption></figure>\n"
            "<p>The museum, in a former grain warehouse on the Quay, has been almost entirely "
            "rebuilt. A new glass hall on the waterfront houses the 31-metre schooner, which was "
            "raised, dried and restored by a team of shipwrights over three years. Visitors can "
            "walk along a gallery at deck height and look down into the hold, where the ship "
            "once carried china clay to Liverpool and coal back again.</p>\n"
            "<h2>Stories, not just objects</h2>\n"
            "<p>Director Imogen Salter said the aim had been to tell the story of the town "
            "through the people who worked on the water. ‘The old museum was a wonderful "
            "collection of things in glass cases,’ she said. ‘We wanted to keep the things, but "
            "let them speak.’</p>\n"
            "<p>So the ship’s bell sits beside a recording of the last surviving crew member of "
            "the Margaret Ellen, interviewed in 1979, describing the night she went down off the "
            "Lizard. A wall of oilskins and sou’westers comes with the voices of fishermen’s "
            "wives who ran the net lofts in the 1950s.</p>\n"
            "<blockquote><p>‘The sea took the boat and gave us back the men, and we counted "
            "ourselves lucky. Not every family in the street could say the same.’ — Ada Penrose, "
            "interviewed in 1979</p></blockquote>\n"
            "<p>Other highlights include a room devoted to the town’s role in the evacuation of "
            "troops from France in 1940, when eleven Kingsharbour fishing boats crossed the "
            "Channel, and a gallery for children with a model harbour where they can steer "
            "radio-controlled tugs.</p>\n"
            "<h2>Funding and tickets</h2>\n"
            "<p>The refurbishment was paid for with £6.5 million from the National Lottery "
            "Heritage Fund, £2 million from the council and the rest from private donors, "
            "including a single anonymous gift of £1 million.</p>\n"
            "<p>Entry to the permanent galleries is free. The special opening exhibition, Wreck "
            "and Rescue, on the history of the Kingsharbour lifeboat, costs £8 for adults and "
            "runs until April. The museum is open daily from 10am to 5pm except on Mondays, and "
            "until 8pm on Thursdays.</p>\n"
            "<p>And the Margaret Ellen? ‘She’s on a steel cradle, in a building, on a hill,’ "
            "said Ms Salter. ‘Even she can’t sink now.’</p>"
        ),
        path="/news/culture/maritime-museum-reopens-ship-sank-twice",
        event=None,
        wire_id=None,
    ),
    OutletArticle(
        slug="tidal-kite-sea-trials-gull-point",
        title="Tidal kite start-up begins sea trials off Gull Point",
        standfirst=(
            "Undertow Energy has lowered its first full-size underwater kite into the fast-flowing "
            "water off the headland. If the trials succeed, a 20-megawatt array could follow by "
            "2030."
        ),
        author="Daniel Okoro",
        section="Technology",
        published=datetime(2026, 11, 18, 8, 0, tzinfo=LONDON),
        modified=None,
        body_html=(
            "<p>A Kingsharbour start-up that wants to generate electricity from the tides using "
            "underwater kites has begun sea trials of its first full-size machine off Gull "
            "Point.</p>\n"
            "<p>Undertow Energy, which was founded four years ago by two engineering graduates "
            "from the town’s university, lowered the 12-metre kite into the water from a "
            "converted supply vessel last week. The device is tethered to the seabed by a "
            "90-metre cable and ‘flies’ in a figure-of-eight pattern through the current, "
            "driving a turbine that can produce up to 500 kilowatts.</p>\n"
            "<p>‘It works a bit like a kite on a beach, except that water is eight hundred times "
            "denser than air,’ said co-founder and chief executive Freya Lindqvist-Hart. "
            "‘Because the kite moves faster than the current itself, we can get useful power out "
            "of water that is too slow for conventional turbines.’</p>\n"
            "<h2>Why Gull Point</h2>\n"
            "<p>The waters off Gull Point, where the estuary meets the open sea, are among the "
            "fastest-flowing on this stretch of coast, with currents of up to 2.5 metres a "
            "second at spring tides. That makes them ideal for testing, but also challenging: "
            "the kite must withstand storms, debris and the constant pull of the sea.</p>\n"
            "<p>During the trials, which will run until the spring, engineers will test:</p>\n"
            "<ul>\n"
            "<li>how much electricity the kite produces at different states of the tide;</li>\n"
            "<li>how the control system copes with turbulence and sudden changes in the "
            "current;</li>\n"
            "<li>how the tether and seabed anchor stand up to winter storms;</li>\n"
            "<li>whether the device disturbs fish, seals and porpoises, monitored with "
            "underwater cameras and microphones.</li>\n"
            "</ul>\n"
            "<p>The electricity will not yet be fed into the grid. Instead, it will be measured "
            "and dumped into a bank of resistors on the support vessel, a standard practice for "
            "early trials.</p>\n"
            "<h2>From prototype to power station</h2>\n"
            "<p>Undertow has raised £14 million from investors, including a government-backed "
            "clean energy fund, and employs 38 people at a workshop on the Eastfield estate. If "
            "the trials go well, it hopes to install an array of 40 kites with a combined "
            "capacity of 20 megawatts off the headland by 2030, enough to supply around 15,000 "
            "homes.</p>\n"
            "<p>Tidal power has long been seen as promising because, unlike wind and solar, it "
            "is completely predictable. But costs have remained stubbornly high, and several "
            "earlier companies in the sector have gone bust.</p>\n"
            "<p>Dr Harriet Moyo, a marine energy researcher at the university who is not "
            "involved with the company, said the kite design was ‘genuinely clever’ but warned "
            "that the sea was ‘very good at finding the weak point in any machine’. ‘The first "
            "winter is always the real test,’ she said.</p>\n"
            "<p>Local fishermen, who were initially sceptical, have been consulted about the "
            "location of the test site. The trial area is marked with buoys and vessels are "
            "asked to keep 200 metres clear.</p>"
        ),
        path="/news/technology/tidal-kite-sea-trials-gull-point",
        event=None,
        wire_id=None,
    ),
    OutletArticle(
        slug="seagrass-returns-kings-estuary",
        title="Seagrass is returning to the Kings estuary, survey finds",
        standfirst=(
            "Meadows of the underwater plant have doubled in area since 2019, helped by replanting "
            "by volunteers and cleaner water. Scientists say the recovery is a rare piece of good "
            "news for the coast."
        ),
        author="Daniel Okoro",
        section="Science",
        published=datetime(2026, 11, 23, 7, 30, tzinfo=LONDON),
        modified=None,
        body_html=(
            "<p>Seagrass meadows in the Kings estuary have more than doubled in size over the "
            "past seven years, according to a new survey, in one of the most encouraging signs "
            "yet that the coastal environment around Kingsharbour is recovering.</p>\n"
            "<p>The survey, carried out by researchers from Kingsharbour University using "
            "drones, divers and underwater cameras, found that seagrass now covers 46 hectares "
            "of the estuary floor, compared with 21 hectares when the last full count was made "
            "in 2019.</p>\n"
            '<figure><img src="/images/2026/11/seagrass-kings-estuary.png" alt="A diver '
            'surveying a seagrass meadow in shallow water" width="960" height="540" '
            "/><figcaption>A diver records seagrass density near Saltings Bay during the survey. "
            "Photograph: Kingsharbour University</figcaption></figure>\n"
            "<p>‘Ten years ago we were writing obituaries for these meadows,’ said Professor "
            "Lowri Bevan, who led the study. ‘Now we are seeing them spread into areas where "
            "nobody alive remembers seagrass growing.’</p>\n"
            "<h2>Nurseries of the sea</h2>\n"
            "<p>Seagrass is a flowering plant that grows in shallow, sheltered coastal waters. "
            "The meadows provide shelter for young fish, including cod and pollack, as well as "
            "seahorses, cuttlefish and crabs. They also trap sediment, protect the shore from "
            "erosion and store large amounts of carbon in the seabed.</p>\n"
            "<p>Britain is thought to have lost more than 90 per cent of its seagrass over the "
            "past century, through disease, pollution, dredging and damage from boat anchors and "
            "moorings.</p>\n"
            "<h2>What made the difference</h2>\n"
            "<p>The researchers say several factors have helped the recovery in the Kings "
            "estuary. The biggest is probably cleaner water: upgrades to the sewage treatment "
            "works at Millbrook, completed in 2021, have cut the amount of nutrients entering "
            "the river, which had fed blooms of algae that smothered the seagrass.</p>\n"
            "<p>The harbour board has also replaced 60 traditional moorings in the estuary with "
            "‘eco-moorings’ that float above the seabed rather than dragging a chain across it. "
            "And since 2020, around 400 volunteers have planted more than 250,000 seeds "
            "collected from healthy meadows elsewhere on the coast.</p>\n"
            "<p>‘Volunteers have done an extraordinary job, but I want to be honest: most of the "
            "new growth is natural,’ said Professor Bevan. ‘The plants came back because we gave "
            "them the conditions to come back.’</p>\n"
            "<h2>Not out of the woods</h2>\n"
            "<p>The scientists warn that the recovery is fragile. Heavy rainfall washes "
            "pollution from farmland into the river, and marine heatwaves, which are becoming "
            "more frequent, can kill seagrass in shallow water. A planned expansion of the "
            "marina at Saltings Bay could also affect one of the largest new meadows, the report "
            "says.</p>\n"
            "<p>The full report will be presented at a public meeting at the university’s Marine "
            "Centre on 3 December, and is published on the <a "
            'href="https://www.kingsharbour-university.example/seagrass-2026">university’s '
            "website</a>.</p>"
        ),
        path="/news/science/seagrass-returns-kings-estuary",
        event=None,
        wire_id=None,
    ),
    OutletArticle(
        slug="shipyard-wins-ferry-order-400-jobs",
        title="Shipyard wins £210m ferry order, securing 400 jobs",
        standfirst=(
            "Harland Quay Shipbuilders will build two hybrid-electric ferries for a Scottish "
            "island operator, its biggest contract in more than twenty years."
        ),
        author="Priya Ramsden",
        section="Economy",
        published=datetime(2026, 11, 12, 13, 0, tzinfo=LONDON),
        modified=datetime(2026, 11, 12, 17, 45, tzinfo=LONDON),
        body_html=(
            "<p>Kingsharbour’s shipyard has won a £210 million order to build two ferries for a "
            "Scottish island operator, securing around 400 jobs for at least three years and "
            "creating up to 150 more.</p>\n"
            "<p>Harland Quay Shipbuilders announced on Thursday that it had signed a contract "
            "with Hebridean Island Ferries for two 95-metre hybrid-electric vessels, each able "
            "to carry 450 passengers and 120 cars. The first is due to be delivered in the "
            "autumn of 2029 and the second six months later.</p>\n"
            "<p>It is the yard’s largest order since it built a pair of fisheries protection "
            "vessels in 2003, and follows several years in which it has survived on repair work "
            "and small contracts.</p>\n"
            "<h2>‘A day we have waited a long time for’</h2>\n"
            "<p>Managing director Fiona Castellan told workers at a meeting in the fabrication "
            "shed that the contract ‘changes everything’ for the yard. ‘This is a day we have "
            "waited a long time for,’ she said. ‘It means apprentices, it means investment, and "
            "it means this yard will be building ships for years to come.’</p>\n"
            "<p>The yard beat competition from shipbuilders in Poland, Turkey and Norway. Ms "
            "Castellan said the decision had been helped by the yard’s experience with hybrid "
            "propulsion and by a government loan guarantee scheme for British-built vessels.</p>\n"
            "<p>The ferries will use batteries charged from the shore for short crossings and in "
            "harbour, with diesel generators as back-up for longer trips and bad weather. The "
            "operator says they will cut fuel use on its routes by around 40 per cent.</p>\n"
            "<h2>Investment in the yard</h2>\n"
            "<p>To build the vessels, the yard will invest £18 million in new equipment, "
            "including a larger gantry crane and a covered assembly hall on the site of the old "
            "boiler shop. Work on the hall is due to start in January.</p>\n"
            "<p>Unions welcomed the announcement. ‘For years our members have been told to be "
            "grateful for whatever work came along,’ said Sandra Pengelly, regional organiser "
            "for the shipbuilding union. ‘Today they can plan for the future.’</p>\n"
            "<p>The yard plans to take on 40 apprentices next year, twice its usual number, and "
            "is recruiting welders, electricians and naval architects.</p>\n"
            "<p>Local suppliers also stand to benefit. The Chamber of Commerce estimated that "
            "around a quarter of the contract’s value could be spent with businesses in the "
            "region, from steel fabricators to caterers.</p>\n"
            "<p><em>This article was updated at 5.45pm to include comments from the shipbuilding "
            "union.</em></p>"
        ),
        path="/news/economy/shipyard-wins-ferry-order-400-jobs",
        event=None,
        wire_id=None,
    ),
    OutletArticle(
        slug="night-bus-cuts-driver-shortage",
        title="Night buses to be cut from January as operator blames driver shortage",
        standfirst=(
            "Three of the town’s five late-night routes will be withdrawn, leaving hospital staff "
            "and hospitality workers worried about getting home."
        ),
        author="Martha Quayle",
        section="Local",
        published=datetime(2026, 11, 24, 6, 30, tzinfo=LONDON),
        modified=None,
        body_html=(
            "<p>Three of Kingsharbour’s five night bus routes will be withdrawn from January, "
            "the operator Coastline Buses has confirmed, blaming a shortage of drivers willing "
            "to work late shifts.</p>\n"
            "<p>The N2 to Eastfield, the N4 to Millbrook and the N5 to St Ives Point via the "
            "ring road will run for the last time on 9 January. The N1 and N3, which serve the "
            "town centre, the hospital and the university, will continue, but at hourly rather "
            "than half-hourly intervals after 1am.</p>\n"
            "<p>Coastline said it currently had 23 vacancies for drivers and had been forced to "
            "cancel around one in eight night journeys in recent months because there was nobody "
            "to drive them. ‘We would rather run a smaller network that people can rely on than "
            "a larger one that lets them down,’ said operations director Gavin Trelawney.</p>\n"
            "<h2>Hospital staff worried</h2>\n"
            "<p>The cuts have caused alarm among people who work night shifts. At Kingsharbour "
            "General Hospital, around 400 staff finish work between midnight and 2am, and many "
            "rely on the buses to get home.</p>\n"
            "<p>‘I finish at half midnight. Without the N4 I either pay £18 for a taxi or I walk "
            "three miles along an unlit road,’ said Rebecca Ansah, a healthcare assistant who "
            "lives in Millbrook. ‘Neither of those is really an option.’</p>\n"
            "<p>The hospital trust said it was talking to the operator and the council about "
            "alternatives, including a staff shuttle.</p>\n"
            "<p>Pubs, restaurants and clubs in the town centre are also concerned. The "
            "Kingsharbour Night-Time Economy Partnership said the cuts would make it harder to "
            "recruit staff and could discourage people from coming into town in the evening.</p>\n"
            "<h2>What changes in January</h2>\n"
            "<ul>\n"
            "<li>N1 (Town Centre – Hospital – Northgate): continues, hourly after 1am</li>\n"
            "<li>N2 (Town Centre – Eastfield): withdrawn</li>\n"
            "<li>N3 (Town Centre – University – Westcliff): continues, hourly after 1am</li>\n"
            "<li>N4 (Town Centre – Millbrook): withdrawn</li>\n"
            "<li>N5 (Town Centre – Ring Road – St Ives Point): withdrawn</li>\n"
            "</ul>\n"
            "<h2>Council under pressure</h2>\n"
            "<p>The night routes are run commercially, without a council subsidy, which means "
            "the operator can withdraw them with eight weeks’ notice. Opposition councillors "
            "called on the council to step in and pay for at least the N4 to continue.</p>\n"
            "<p>A council spokesperson said it was ‘disappointed’ by the decision but had no "
            "money set aside for night services. ‘We will look at every option, but we have to "
            "be realistic about what we can afford,’ she said.</p>\n"
            "<p>Coastline said it was offering a £2,000 signing bonus to new drivers and would "
            "reinstate routes if recruitment improved.</p>"
        ),
        path="/news/local/night-bus-cuts-driver-shortage",
        event=None,
        wire_id=None,
    ),
    OutletArticle(
        slug="rfc-edge-derby-thriller",
        title="Kingsharbour RFC edge derby thriller at the Quay",
        standfirst=(
            "A late penalty from full-back Ryan Penhale gave Kingsharbour a 23-20 win over old "
            "rivals Millbrook in front of a sell-out crowd."
        ),
        author="Tom Gellatly",
        section="Sport",
        published=datetime(2026, 11, 14, 18, 5, tzinfo=LONDON),
        modified=None,
        body_html=(
            "<p>Ryan Penhale held his nerve to kick a penalty from 40 metres with two minutes "
            "left as Kingsharbour RFC beat Millbrook 23-20 in a bruising derby at the Quay on "
            "Saturday afternoon.</p>\n"
            "<p>A sell-out crowd of 3,200, the biggest for a league game at the ground in more "
            "than a decade, saw a match that swung one way and then the other before the "
            "full-back, who had missed two earlier kicks, settled it.</p>\n"
            "<p>‘I was trying not to think about the first two,’ said Penhale. ‘You just go "
            "through your routine, look at the posts and hit it. It’s the best feeling in the "
            "world when it goes over in front of the clubhouse end.’</p>\n"
            "<h2>Millbrook start fast</h2>\n"
            "<p>The visitors, who came into the game two places above Kingsharbour in the table, "
            "started the stronger. Their pack dominated the early scrums and flanker Josh Kellow "
            "went over from a driving maul after eight minutes. Fly-half Dan Ruddock converted "
            "and added a penalty soon afterwards to make it 10-0.</p>\n"
            "<p>Kingsharbour hit back when winger Kwame Asante finished a sweeping move down the "
            "left that started in his own 22, and Penhale’s conversion and a penalty made it "
            "10-10 at the break.</p>\n"
            "<h2>A tense finish</h2>\n"
            "<p>The second half was a tense, physical affair. Millbrook regained the lead "
            "through a second Ruddock penalty, before Kingsharbour scrum-half Liam Trevail "
            "sniped over from close range after a series of pick-and-goes. Penhale converted to "
            "put the hosts 17-13 ahead.</p>\n"
            "<p>Millbrook responded with a try by centre Ashley Ford, converted by Ruddock, to "
            "lead 20-17 with ten minutes left. A Penhale penalty levelled things up at 20-20, "
            "and with the clock running down the home forwards won a scrum penalty in the "
            "Millbrook half to set up the winning kick.</p>\n"
            "<p>Kingsharbour head coach Mark Vosper praised his side’s resilience. ‘We were "
            "second best for twenty minutes, and we didn’t panic,’ he said. ‘That’s the sign of "
            "a team that is growing up.’</p>\n"
            "<p>Millbrook coach Steve Harvey was less happy, questioning the decision that led "
            "to the final penalty. ‘I’ve looked at it on the video and I still don’t know what "
            "it was for,’ he said. ‘But we had chances to close the game out and we didn’t take "
            "them.’</p>\n"
            "<p>The result lifts Kingsharbour to fourth in the table, level on points with "
            "Millbrook. They travel to Porthcarrow next Saturday.</p>"
        ),
        path="/news/sport/rfc-edge-derby-thriller",
        event=None,
        wire_id=None,
    ),
)

ARTICLES: tuple[OutletArticle, ...] = WIRE_COPIES + OWN_ARTICLES

COURIER = Outlet(
    slug="courier",
    name="The Harbour Courier",
    language="en",
    feed_path="/atom.xml",
    feed_format="atom",
    sitemap_path="/sitemap.xml",
    articles=ARTICLES,
)
