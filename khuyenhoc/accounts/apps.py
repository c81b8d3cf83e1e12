from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "khuyenhoc.accounts"
    label = "accounts"
    verbose_name = "Tài khoản"
