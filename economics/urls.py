app_name = "economics"
urlpatterns: list = []
