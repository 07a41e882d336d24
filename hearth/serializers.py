"""Serializer helpers shared by every app's API."""

from copy import copy
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from rest_framework import serializers
from rest_framework.fields import empty


class ModelRules:
    """Mixed into a ModelSerializer: runs the model's own ``clean()`` — the rules across
    fields that a ModelForm gets from ``full_clean`` — on the record as the request would
    leave it, so the API refuses what the web form refuses, with the same messages beside the
    same fields (issue 12 §2). Field validators are DRF's already; ``clean()`` must not query.
    """

    def run_validation(self, data=empty):
        value = super().run_validation(data)
        model = self.Meta.model
        record = copy(self.instance) if self.instance is not None else model()
        for name, item in value.items():
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.concrete and not field.many_to_many:
                setattr(record, name, item)
        try:
            record.clean()
        except DjangoValidationError as exc:
            raise serializers.ValidationError(serializers.as_serializer_error(exc)) from exc
        return value


class WithinReach(serializers.PrimaryKeyRelatedField):
    """The id of a record within the caller's reach — ``model.objects.visible_to(user)``, the
    same rule as the pages — in place of the primary-key field a ModelSerializer would make.
    An id out of reach is refused with the same message as one that does not exist, so the
    answer tells nothing about other teams' records."""

    def __init__(self, model: type[models.Model], *, message: str, **kwargs: Any) -> None:
        self.reach_model = model
        kwargs.setdefault("queryset", model._default_manager.all())  # its type, for the schema
        super().__init__(**kwargs)
        self.error_messages["does_not_exist"] = message

    def get_queryset(self) -> models.QuerySet:
        return self.reach_model.objects.visible_to(self.context["request"].user)
