#!/usr/bin/env bash
# The seed announcement (an online briefing of 13 April 2022, part of a three-day peer-learning
# event) built with convene commands, then printed back as its event page.
#
#   examples/seed-briefing.sh [DIR]
#
# DIR (default: the current folder) receives convene.db. The binary is $CONVENE, else the
# convene on PATH. The same event as a TOML event file: seed-peer-learning.toml and
# seed-briefing.toml next to this script (convene-event-file(5)).
set -euo pipefail

convene=${CONVENE:-convene}
# A relative path to the binary must survive the cd below.
if [[ $convene == */* && $convene != /* ]]; then convene=$PWD/$convene; fi
cd "${1:-.}"

# The larger event the briefing belongs to: three whole days.
PARENT=$("$convene" create-event --slug migrations-crise-2022 \
  --title "Migrations et déplacements en contexte de crise : Que font les GLR pour sauver et protéger des vies ?" \
  --date 2022-04-11 --end-date 2022-04-13 --tz Europe/Paris --locale fr)

# The announcement's links are placeholders ("ici", #); example.org stands in for them. The
# description is CommonMark, as the announcement is formatted: headings, links, emphasis.
# The briefing is online, but the announcement gives no meeting link: registrants receive it.
EVENT=$("$convene" create-event --slug imrf-briefing-2022 \
  --title "Séance d'information sur la route vers le Forum d'examen des migrations internationales (IMRF)" \
  --start 2022-04-13T15:00 --end 16:00 --tz Europe/Paris \
  --venue "Online" \
  --registration-url https://example.org/imrf-briefing-2022/register \
  --languages en,fr,es \
  --locale fr \
  --organiser "Mayors Mechanism" \
  --organiser "co-lead: Cités et Gouvernements Unis (CGLU)" \
  --organiser "co-lead: Mayors Migration Council (MMC)" \
  --organiser "co-lead: Organisation Internationale pour les Migrations (OIM)" \
  --organiser "partner: Agence des Nations Unies pour les Réfugiés (HCR)" \
  --parent "$PARENT" \
  --description - <<'TEXT'
## Contexte

En 2018, les gouvernements nationaux ont approuvé [le Pacte mondial des Nations Unies pour des migrations sûres, ordonnées et régulières](https://example.org/gcm) (GCM) et le [Pacte mondial sur les réfugiés](https://example.org/gcr) (GCR). Ces cadres sont ancrés dans [l'Agenda 2030](https://example.org/agenda-2030) pour le développement durable (ODD) et ouvrent la voie à leur réalisation en garantissant une gouvernance des migrations et des déplacements forcés fondée sur le droit de l'homme. Ces trois cadres reconnaissent le rôle clé que les gouvernements locaux et régionaux (GLR) jouent dans le soutien aux migrants et aux personnes déplacées pour la promotion des communautés durables.

Cette même année, les GLR du monde entier ont joué un rôle de premier plan et ont approuvé la [Déclaration des maires à Marrakech](https://example.org/marrakech-declaration). Affirmant que la migration est avant tout un phénomène local, les signataires de la déclaration ont appelé à la reconnaissance pleine et formelle du rôle transformateur que jouent les gouvernements locaux dans la mise en œuvre du GCM et du GCR et se sont engagés à réaliser les deux pactes à l'unisson.

Du 16 au 20 mai 2022, les États Membres des Nations Unies se réuniront pour la première fois pour évaluer leurs progrès vers le GCM lors du [Forum international d'examen des migrations](https://example.org/imrf) (IMRF)

## Objectifs

Ce briefing vise à informer des gouvernements locaux et régionaux des opportunités et des défis liés à l'élévation des voix locales à l'IMRF, ainsi qu'à partager des informations sur [l'Appel à l'action locale pour les migrants et les réfugiés](https://example.org/call-to-local-action), une initiative des membres du comité directeur du [Mayors Mechanism](https://example.org/mayors-mechanism), [Cités et Gouvernements Unis \(CGLU\)](https://example.org/uclg), le [Mayors Migration Council \(MMC\)](https://example.org/mmc), et [l'Organisation Internationale pour les Migrations \(OIM\)](https://example.org/iom), en partenariat avec [l'Agence des Nations Unies pour les Réfugiés \(HCR\)](https://example.org/unhcr) qui sera lancé à l'IMRF.

Grâce à cette séance d'information, les LRG pourront en savoir plus sur les enjeux de l'IMRF et évaluer les possibilités d'engagement, ainsi que partager leurs questions et considérations avec le Mayors Mechanism.

Cette séance fait partie de l'événement d'apprentissage par les pairs « **Migrations et déplacements en contexte de crise : Que font les GLR pour sauver et protéger des vies ?** », organisé du 11 au 13 avril, mais sera également accessible aux participants qui souhaitent se connecter uniquement à ce segment et en savoir plus sur l'IMRF.

Il y aura une **interprétation** en anglais, français et espagnol.
TEXT
)

# add-agenda-item prints the new item's position; the page below shows them all.
"$convene" add-agenda-item "$EVENT" --title "Détails techniques" >/dev/null

"$convene" add-agenda-item "$EVENT" \
  --title "La route vers le Forum d'examen des migrations internationales (IMRF)" \
  --speaker "Monami Maulik; Stakeholder Liaison Officer; Réseau des Nations Unies sur la migration" \
  --speaker "Sophie van Haasen; Coordinatrice; GFMD Mayors Mechanism" >/dev/null

"$convene" add-agenda-item "$EVENT" --title "Discussion, questions et réponses" \
  --description "Questions directrices :" \
  --point "*Comment votre gouvernement local ou régional agit-il sur la gouvernance de la migration ?*" \
  --point "*Avez-vous été invité par votre gouvernement national à contribuer aux discussions sur la mise en œuvre nationale et l'examen du GCM et/ou du GCR ?*" \
  --point "*Êtes-vous intéressé à faire entendre votre voix sur la migration et le déplacement au niveau international ?*" \
  --point "*Vous souhaitez vous impliquer dans l'Appel à l'Action Locale pour les Migrants et les Réfugiés ?*" \
  >/dev/null

"$convene" add-agenda-item "$EVENT" --title "Conclusions" >/dev/null

"$convene" show "$EVENT"
