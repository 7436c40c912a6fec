"""Included by `redress.casework.urls` at its root, so the names are `casework:…`, like the
notes' and documents' (decision 0146)."""

from django.urls import path

from redress.casefile import views_tasks as views

urlpatterns = [
    path("tasks/", views.tasks, name="tasks"),
    path("tasks/export.csv", views.tasks_export, name="tasks-export"),
    path("tasks/reassign/", views.tasks_reassign, name="tasks-reassign"),
    path("tasks/<int:task_pk>/", views.task_detail, name="task-detail"),
    path("tasks/<int:task_pk>/done/", views.task_done, name="task-done"),
    path("tasks/<int:task_pk>/withdraw/", views.task_withdraw, name="task-withdraw"),
    path("cases/<int:pk>/tasks/new/", views.task_new, name="task-new"),
]
