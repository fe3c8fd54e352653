from __future__ import annotations

import factory

from torg.alerts.models import Category, CrisisMessage, CrisisTemplate, Status


class CrisisMessageFactory(factory.django.DjangoModelFactory[CrisisMessage]):
    class Meta:
        model = CrisisMessage

    event = "Flaum"
    category = Category.MET
    headline = "Flaum i Storelva: hald deg unna elvebredda"
    description = "Storelva går over breiddene ved Nedre bru.\nVegen langs elva er stengd."
    instruction = "Hald deg unna elva. Flytt bilen om han står nær vatnet."
    web = "https://www.example.kommune.no/flaum/"
    contact = "Kommunen, telefon 12 34 56 78"
    area_desc = "Sentrum og Nedre bru"
    polygon = "61.10,7.10 61.10,7.20 61.20,7.20 61.20,7.10 61.10,7.10"
    geocode = "4640"
    status = Status.ACTUAL


class CrisisTemplateFactory(factory.django.DjangoModelFactory[CrisisTemplate]):
    class Meta:
        model = CrisisTemplate
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Mal {n}")
    event = "Kokevarsel"
    category = Category.HEALTH
    headline = "Kok drikkevatnet i Sentrum vassverk"
    description = "Det er funne bakteriar i drikkevatnet."
    instruction = "Kok vatnet i minst eitt minutt før du drikk det."
    contact = "Kommunen, telefon 12 34 56 78"
