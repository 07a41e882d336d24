app_name = "housing"
urlpatterns: list = []
