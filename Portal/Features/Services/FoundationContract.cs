
public enum ServiceRequestStatus { Open = 0, Done = 1, Declined = 2, Withdrawn = 3 }
