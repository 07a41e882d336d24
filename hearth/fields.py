"""Model fields shared by every app."""

from django.db import models

from hearth.validators import clean_name, visible_name


class NameField(models.CharField):
    """The name of a person, stored as it reads on screen (``hearth.validators.clean_name``):
    whichever door it came through — a form, the API, an import, the demo — the saved name
    has no bidirectional override or other invisible character, so the person page, the lists
    and the duplicate matching all see the same letters (issue 12 §2)."""

    default_validators = [visible_name]

    def to_python(self, value):
        value = super().to_python(value)
        return clean_name(value) if value else value

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        value = clean_name(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value
