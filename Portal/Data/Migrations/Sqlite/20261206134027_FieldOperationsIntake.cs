using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FieldOperationsIntake : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ExternalReference",
                table: "ServiceActivities",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Outcome",
                table: "ServiceActivities",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "OutcomeReason",
                table: "ServiceActivities",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RatingInvitedAtUtc",
                table: "ServiceActivities",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RecordedByUserId",
                table: "ServiceActivities",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "ServiceActivities",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceActivities_Source_ExternalReference",
                table: "ServiceActivities",
                columns: new[] { "Source", "ExternalReference" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ServiceActivities_Source_ExternalReference",
                table: "ServiceActivities");

            migrationBuilder.DropColumn(
                name: "ExternalReference",
                table: "ServiceActivities");

            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "ServiceActivities");

            migrationBuilder.DropColumn(
                name: "OutcomeReason",
                table: "ServiceActivities");

            migrationBuilder.DropColumn(
                name: "RatingInvitedAtUtc",
                table: "ServiceActivities");

            migrationBuilder.DropColumn(
                name: "RecordedByUserId",
                table: "ServiceActivities");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "ServiceActivities");
        }
    }
}
