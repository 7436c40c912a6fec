from django.apps import AppConfig


class Sen2Config(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "redress.sen2"
    label = "sen2"
    verbose_name = "The SEN2 return"

    def ready(self) -> None:
        from redress.casework.demo import register_demo_extension
        from redress.sen2.demo import demo_sen2_items

        register_demo_extension(demo_sen2_items)
