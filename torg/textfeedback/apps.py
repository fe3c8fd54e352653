from django.apps import AppConfig


class TextFeedbackConfig(AppConfig):
    name = "torg.textfeedback"
    label = "textfeedback"
    verbose_name = "Torg: forstod du teksten?"
