"""plantrace.reports"""
